import Testing
@testable import ShipshapeCore
@testable import ShipshapeRunner
@testable import PaneKit
@testable import PlatformKit
@testable import KubernetesRules
@testable import KubernetesPanes
@testable import KubernetesKit
@testable import EtcdRules
@testable import EtcdPanes
@testable import EtcdPlatform
@testable import WorkflowRules
@testable import WorkflowPanes
@testable import WorkflowPlatform
@testable import DeckhouseRules
@testable import DeckhousePanes
@testable import DeckhousePlatform
@testable import Deis1Rules
@testable import Deis1Panes
@testable import Deis1Platform
@testable import SwarmRules
@testable import SwarmPanes
@testable import SwarmPlatform
@testable import ShipshapePlatforms
@testable import Engine
import TestKit

/// The sandbox's Go tabwriter against the bytes documented for fleetctl (reference §2.2, §2.3).
@Suite("Fleet tabwriter")
struct FleetTabWriterTests {
    @Test("list-units sample: two tabs after short unit names, one after the longest")
    func unitsSample() {
        let rows = [["deis-builder.service", "0f3e8b7a.../10.0.1.11", "active", "running"],
                    ["deis-router@1.service", "c7e2aa41.../10.0.1.13", "active", "running"],
                    ["deis-store-gateway@1.service", "0f3e8b7a.../10.0.1.11", "failed", "failed"]]
        #expect(GoTabWriter.render(rows) == """
            deis-builder.service\t\t0f3e8b7a.../10.0.1.11\tactive\trunning
            deis-router@1.service\t\tc7e2aa41.../10.0.1.13\tactive\trunning
            deis-store-gateway@1.service\t0f3e8b7a.../10.0.1.11\tfailed\tfailed

            """)
    }

    @Test("the legend widens the padding: MACHINE^I^IIP^I^IMETADATA")
    func legendSample() {
        let rows = [["MACHINE", "IP", "METADATA"], ["113f16a7...", "172.17.8.103", "az=us-west-1b"]]
        #expect(GoTabWriter.render(rows) == "MACHINE\t\tIP\t\tMETADATA\n113f16a7...\t172.17.8.103\taz=us-west-1b\n")
    }

    @Test("whatever the padding, the parser reads back the cells")
    func roundTrip() throws {
        let rows = [["a", "-", "x=1,y=2"], ["0f3e8b7a4c5d4e2f9a1b2c3d4e5f6a7b", "10.0.1.11", "-"]]
        let parsed = try FleetTable.rows(GoTabWriter.render(rows), fields: ["machine", "ip", "metadata"])
        #expect(parsed.map { [$0["machine"]!, $0["ip"]!, $0["metadata"]!] } == rows)
    }
}
