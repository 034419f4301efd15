import Foundation
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

/// TLS to a tcp:// docker daemon, pinned at start from flags or the docker CLI's variables.
@Suite struct DockerTLSResolverTests {
    /// A folder with the files the docker CLI reads; `names` picks which exist.
    static func certFolder(_ names: [String] = ["ca.pem", "cert.pem", "key.pem"]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docker-tls-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in names { try "-----BEGIN CERTIFICATE-----\n".write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        return folder
    }

    @Test func verifiedTLSNamesEveryFileOnEveryCall() throws {
        let folder = try Self.certFolder()
        let target = try DockerHostResolver.resolve(flag: "tcp://10.0.0.1:2376", tlsVerify: true, certPath: folder, environment: [:])
        #expect(target.docker(["info"]).argv == ["docker", "--host", "tcp://10.0.0.1:2376", "--tlsverify",
                                                 "--tlscacert", folder + "/ca.pem", "--tlscert", folder + "/cert.pem",
                                                 "--tlskey", folder + "/key.pem", "info"])
    }

    @Test func theDockerVariablesArePinnedAtStart() throws {
        let folder = try Self.certFolder()
        let environment = ["DOCKER_HOST": "tcp://10.0.0.1:2376", "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": folder]
        let target = try DockerHostResolver.resolve(flag: nil, environment: environment)
        #expect(target.tls == DockerTLS(verify: true, caCert: folder + "/ca.pem", cert: folder + "/cert.pem", key: folder + "/key.pem"))
    }

    @Test func aCertPathFlagAloneEncryptsWithoutVerifying() throws {
        let folder = try Self.certFolder(["cert.pem", "key.pem"])
        let target = try DockerHostResolver.resolve(flag: "tcp://10.0.0.1:2376", certPath: folder, environment: [:])
        #expect(target.tls?.arguments.first == "--tls")
        #expect(target.tls?.caCert == nil)
    }

    @Test func noTLSAskedLeavesTheCallAsItWas() throws {
        let target = try DockerHostResolver.resolve(flag: "tcp://10.0.0.1:2375", environment: ["DOCKER_CERT_PATH": "/nowhere"])
        #expect(target.tls == nil)
        #expect(target.docker(["info"]).argv == ["docker", "--host", "tcp://10.0.0.1:2375", "info"])
    }

    @Test func refusalsNameWhatIsMissing() throws {
        #expect(throws: TargetError.self) {
            try DockerHostResolver.resolve(flag: "unix:///var/run/docker.sock", tlsVerify: true, certPath: try Self.certFolder(), environment: [:])
        }
        do {
            _ = try DockerHostResolver.resolve(flag: "tcp://h:2376", tlsVerify: true, certPath: try Self.certFolder(["cert.pem", "key.pem"]), environment: [:])
            Issue.record("expected a refusal without ca.pem")
        } catch {
            #expect(String(describing: error).contains("ca.pem"))
        }
        do {
            _ = try DockerHostResolver.resolve(flag: "tcp://h:2376", tlsVerify: true, certPath: try Self.certFolder(["ca.pem", "cert.pem"]), environment: [:])
            Issue.record("expected a refusal with a certificate but no key")
        } catch {
            #expect(String(describing: error).contains("no key.pem"))
        }
    }

    @Test func theTargetLabelSaysTLS() throws {
        let docker = try DockerHostResolver.resolve(flag: "tcp://h:2376", tlsVerify: true, certPath: try Self.certFolder(), environment: [:])
        #expect(Target(name: "swarm", platform: .swarm, docker: docker).label.hasSuffix("(TLS, verified)"))
    }
}
