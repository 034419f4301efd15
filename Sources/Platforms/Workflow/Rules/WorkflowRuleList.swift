import ShipshapeCore
/// Every rule of the Deis Workflow section of RULES.md, in catalogue order.
public enum WorkflowRuleList {
    public static var all: [any Rule] {
        [MinioRule(), SecurityRule(), RegistrationRule(), GrafanaSignupRule(), TLSRule(), RouterScaleRule(), CNIRule(), RBACRule()]
    }
}
