import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import KubernetesRules
import KubernetesPanes
/// Parses Kubernetes resource quantities ("4", "3500m", "16386156Ki", "8Gi", "1e9").
public enum KubeQuantity {
    public static func cpuMillis(_ text: String) -> Int? {
        if text.hasSuffix("m") { return Int(text.dropLast()) }
        guard let cores = Double(text) else { return nil }
        return Int((cores * 1000).rounded())
    }

    public static func bytes(_ text: String) -> Int64? {
        let suffixes: [(String, Double)] = [
            ("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776),
            ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12), ("m", 1e-3),
        ]
        for (suffix, factor) in suffixes where text.hasSuffix(suffix) {
            let digits = text.dropLast(suffix.count)
            // Integers stay exact; only fractional quantities go through Double.
            if let whole = Int64(digits), factor >= 1 { return whole.multipliedReportingOverflow(by: Int64(factor)).partialValue }
            guard let number = Double(digits) else { return nil }
            return Int64(number * factor)
        }
        return Double(text).map { Int64($0) }
    }
}
