import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import EtcdRules

/// The bare etcd demo: three members, one of them stopped (quorum holds, tolerates no more),
/// and no snapshot taken yet — `f` on the Backups pane takes one, from the sandbox.
public enum EtcdDemo {
    public static let endpoint = "http://10.0.9.11:2379"

    public static let json = """
    {"etcd": {"clusterID": 7181102917112434005, "leader": 12197543270401282993, "revision": 4211,
      "keys": {"/registry/namespaces/default": "{}", "/registry/namespaces/kube-system": "{}"},
      "members": [
        {"id": 12197543270401282993, "name": "etcd-a", "peerURLs": ["http://10.0.9.11:2380"], "clientURLs": ["http://10.0.9.11:2379"], "version": "3.4.23", "dbSize": 2461696, "raftIndex": 91822, "raftTerm": 7},
        {"id": 4430183271290134001, "name": "etcd-b", "peerURLs": ["http://10.0.9.12:2380"], "clientURLs": ["http://10.0.9.12:2379"], "version": "3.4.23", "dbSize": 2461696, "raftIndex": 91822, "raftTerm": 7},
        {"id": 9988721031154420417, "name": "etcd-c", "peerURLs": ["http://10.0.9.13:2380"], "clientURLs": ["http://10.0.9.13:2379"], "version": "3.4.23", "dbSize": 2457600, "raftIndex": 91790, "raftTerm": 7, "down": true}
      ]}}
    """

    public static func makeAdapter(latencyMilliseconds: Int) throws -> any PlatformAdapter {
        let etcd = EtcdTarget(endpoints: [endpoint])
        let sandbox = try EtcdSandbox(scenarioJSON: json, pinnedEndpoints: etcd.endpoints)
        let runner = SandboxRunner(tools: ["etcdctl": sandbox], latencyMilliseconds: latencyMilliseconds)
        return EtcdAdapter(target: Target(name: "demo-etcd", platform: .etcd, etcd: etcd), etcd: etcd, runner: runner)
    }
}
