import ShipshapeCore
import PaneKit
import PlatformKit
import Engine

/// The modal layer above the panes; at most one at a time.
public enum Dialog: Sendable {
    /// Details of a row, or the help: wrapped, scrolled, searched.
    case details(DetailsView)
    /// A fix waiting for the operator: the plan, what the dry run said, and for
    /// high-risk fixes the context name typed so far.
    case confirm(plan: FixPlan, dryRun: DryRunOutcome, typed: String)
    case busy(String)
    /// The form that adds a Deckhouse update window.
    case windowForm(WindowForm)
}
