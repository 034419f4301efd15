import Foundation

/// Certificates for a dockerd that takes TLS on tcp://: a CA, a server certificate for the
/// manager's address and a client certificate, made with the real openssl, in the layout
/// the docker CLI reads (`ca.pem`, `cert.pem`, `key.pem`).
enum SwarmTLS {
    struct Files {
        let client: String
        let server: String
        /// dockerd flags: a TLS listener on `address:2376`, client certificates required.
        func daemonArguments(address: String) -> [String] {
            ["--host", "tcp://\(address):2376", "--tlsverify", "--tlscacert", server + "/ca.pem",
             "--tlscert", server + "/server-cert.pem", "--tlskey", server + "/server-key.pem"]
        }
    }

    static func make(in directory: String, serverAddress: String) async throws -> Files {
        let client = directory + "/client", server = directory + "/server"
        for folder in [client, server] { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        func openssl(_ arguments: [String]) async throws { try await SwarmHostTools.run(["openssl"] + arguments, timeout: 60) }
        let days = ["-days", "2"]
        try await openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", server + "/ca-key.pem", "-out", server + "/ca.pem",
                           "-subj", "/CN=shipshape test CA"] + days)
        try await openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", server + "/server-key.pem", "-out", server + "/server.csr",
                           "-subj", "/CN=\(serverAddress)"])
        try "subjectAltName=IP:\(serverAddress)\nextendedKeyUsage=serverAuth\n".write(toFile: server + "/server.ext", atomically: true, encoding: .utf8)
        try await openssl(["x509", "-req", "-in", server + "/server.csr", "-CA", server + "/ca.pem", "-CAkey", server + "/ca-key.pem",
                           "-CAcreateserial", "-out", server + "/server-cert.pem", "-extfile", server + "/server.ext"] + days)
        try await openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", client + "/key.pem", "-out", client + "/client.csr",
                           "-subj", "/CN=shipshape operator"])
        try "extendedKeyUsage=clientAuth\n".write(toFile: client + "/client.ext", atomically: true, encoding: .utf8)
        try await openssl(["x509", "-req", "-in", client + "/client.csr", "-CA", server + "/ca.pem", "-CAkey", server + "/ca-key.pem",
                           "-CAcreateserial", "-out", client + "/cert.pem", "-extfile", client + "/client.ext"] + days)
        try FileManager.default.copyItem(atPath: server + "/ca.pem", toPath: client + "/ca.pem")
        return Files(client: client, server: server)
    }
}
