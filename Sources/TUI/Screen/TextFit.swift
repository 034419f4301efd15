import ShipshapeCore
import PaneKit

/// Text that does not fit its column ends in `…`, so a cut is never mistaken for the value.
enum TextFit {
    static func fit(_ text: String, to cells: Int) -> String {
        guard cells > 0 else { return "" }
        guard DisplayWidth.of(text) > cells else { return text }
        return DisplayWidth.clip(text, to: cells - 1) + "…"
    }
}
