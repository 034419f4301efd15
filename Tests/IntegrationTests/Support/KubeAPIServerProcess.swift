import Foundation

/// Starts `Tests/Support/kube_api_server.py` on a free loopback port with a state
/// file and a kubeconfig of its own, and steers it through its `/_control` endpoints.
final class KubeAPIServerProcess: @unchecked Sendable {
    let directory: String
    let kubeconfig: String
    let context: String
    let port: Int
    private let process: Process

    init(stateJSON: String, context: String = "test") async throws {
        directory = try TestPaths.temporaryDirectory("kube-api")
        let statePath = directory + "/state.json"
        let portFile = directory + "/port"
        let kubeconfigPath = directory + "/kubeconfig"
        kubeconfig = kubeconfigPath
        self.context = context
        try stateJSON.write(toFile: statePath, atomically: true, encoding: .utf8)
        let process = Process()
        self.process = process
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestPaths.support.appendingPathComponent("kube_api_server.py").path,
                             "--state", statePath, "--port", "0", "--port-file", portFile,
                             "--kubeconfig-out", kubeconfig, "--context", context]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        try await Polling.until("the Kubernetes API test server to listen") {
            FileManager.default.fileExists(atPath: portFile) && FileManager.default.fileExists(atPath: kubeconfigPath)
        }
        port = Int(try String(contentsOfFile: portFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    var url: String { "http://127.0.0.1:\(port)" }

    func stop() {
        ChildProcess.stop(process.processIdentifier)
        try? FileManager.default.removeItem(atPath: directory)
    }

    deinit { stop() }

    /// `mode`: none, forbidden, hang, malformed, error500.
    func setFault(_ mode: String, paths: [String] = []) async throws {
        _ = try await post("/_control/fault", body: ["mode": mode, "paths": paths])
    }

    /// Any control endpoint with a JSON body (README "Control API": `/_control/node-ready`,
    /// `/_control/expire-history`, `/_control/jobs`…).
    @discardableResult
    func control(_ path: String, _ body: [String: Any] = [:]) async throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: try await post(path, body: body)) as? [String: Any] ?? [:]
    }

    /// A control endpoint read with GET (`/_control/watches`).
    func controlState(_ path: String) async throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: try http("GET", path)) as? [String: Any] ?? [:]
    }

    /// Bytes the server sent, overall (`/_control/bytes`).
    func bytesSent() async throws -> Int {
        let answer = try JSONSerialization.jsonObject(with: try http("GET", "/_control/bytes")) as? [String: Any] ?? [:]
        return (answer["body"] as? Int) ?? (answer["total"] as? Int) ?? 0
    }

    func requests() async throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: try http("GET", "/_control/requests")) as? [[String: Any]] ?? []
    }

    func resetRequests() async throws {
        _ = try http("POST", "/_control/reset-requests", body: Data("{}".utf8))
    }

    func state() async throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: try http("GET", "/_control/state")) as? [String: Any] ?? [:]
    }

    /// spec.replicas of a deployment as stored on the server.
    func replicas(of deployment: String, namespace: String = "deis") async throws -> Int? {
        let state = try await state()
        let objects = state["objects"] as? [String: Any] ?? state
        let items = objects["/apis/apps/v1/namespaces/\(namespace)/deployments"] as? [[String: Any]] ?? []
        let item = items.first { ($0["metadata"] as? [String: Any])?["name"] as? String == deployment }
        return (item?["spec"] as? [String: Any])?["replicas"] as? Int
    }

    private func post(_ path: String, body: [String: Any]) async throws -> Data {
        try http("POST", path, body: try JSONSerialization.data(withJSONObject: body))
    }

    /// One control request through Python's urllib: swift-corelibs-foundation's
    /// URLSession hung in the test process here, and the server already needs python3.
    private func http(_ method: String, _ path: String, body: Data? = nil) throws -> Data {
        let script = """
        import sys, urllib.request
        data = sys.stdin.buffer.read() if sys.argv[2] == "POST" else None
        req = urllib.request.Request(sys.argv[1], data=data, method=sys.argv[2], headers={"Content-Type": "application/json"})
        sys.stdout.buffer.write(urllib.request.urlopen(req, timeout=10).read())
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, url + path, method]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(body ?? Data())
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }
}
