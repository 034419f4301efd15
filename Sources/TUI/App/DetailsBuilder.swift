import Engine

/// The text of the details dialog for the selected row of the focused pane.
@MainActor
enum DetailsBuilder {
    static func details(for model: AppModel) -> Dialog? {
        switch model.focus {
        case .findings:
            guard let finding = model.selectedFinding else { return nil }
            var lines = ["Rule:      \(finding.rule.id) — \(finding.rule.title)",
                         "Severity:  \(finding.severity.rawValue)    Verdict: \(finding.verdict.rawValue)",
                         "Subject:   \(finding.subject)",
                         "Source:    \(finding.rule.seed)", "",
                         finding.message, "", "Why: " + finding.rule.rationale]
            lines += ["", finding.fix.map { "Fix (f): " + $0.summary } ?? "Fix: by hand — this rule has no automatic fix."]
            return .details(title: finding.rule.id, lines: lines)
        case .nodes:
            let nodes = model.snapshot?.state.kubernetes.nodes.value ?? []
            let index = model.selected(.nodes)
            guard nodes.indices.contains(index) else { return nil }
            let node = nodes[index]
            var lines = ["Name:     \(node.name)", "Ready:    \(node.ready.map { $0 ? "yes" : "no" } ?? "unknown")",
                         "Roles:    \(node.roles.isEmpty ? "<none>" : node.roles.joined(separator: ", "))",
                         "CPU:      \(Formatting.cpu(node.cpuMillis))", "Memory:   \(Formatting.bytes(node.memoryBytes))",
                         "Kubelet:  \(node.kubeletVersion)", "", "Labels:"]
            lines += node.labels.sorted { $0.key < $1.key }.map { "  \($0.key)=\($0.value)" }
            return .details(title: node.name, lines: lines)
        case .router:
            let pods = model.routerPods
            let index = model.selected(.router)
            guard pods.indices.contains(index) else { return nil }
            let pod = pods[index]
            return .details(title: pod.name, lines: ["Pod:    \(pod.name)", "Node:   \(pod.nodeName ?? "-")", "Phase:  \(pod.phase)", "Ready:  \(pod.ready ? "yes" : "no")"])
        case .activity:
            guard let index = model.selectedActivityIndex else { return nil }
            let item = model.activity.elements[index]
            var lines = [Formatting.clock(item.time) + "  " + item.kind.rawValue, "", item.text]
            if let plan = item.plan {
                lines += ["", "Commands run:"] + plan.commands.map { "  $ " + $0.displayLine }
                lines += ["", item.undone ? "Undone." : "u undoes this fix (preview and confirmation first)."]
            }
            return .details(title: "Activity", lines: lines)
        }
    }
}
