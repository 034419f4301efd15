import ShipshapeCore
import PaneKit
/// The on-disk shape of a theme, decoded from YAML before it is checked and turned into
/// a `Theme`. Unknown keys are rejected here rather than silently ignored, so a typo in a
/// theme file is reported instead of quietly doing nothing.
struct ThemeFile: Decodable {
    /// Thrown from decoding for a key the format does not have; carries the path of the
    /// mapping it was found in.
    struct UnknownKey: Error {
        var path: [String]
        var key: String
    }

    /// One role's entry: every field optional, colours kept as text until validated.
    struct RoleEntry: Decodable {
        var fg: String?
        var bg: String?
        var bold: Bool?
        var dim: Bool?
        var reverse: Bool?
        var underline: Bool?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case fg, bg, bold, dim, reverse, underline
        }

        init(from decoder: any Decoder) throws {
            try ThemeFile.rejectUnknownKeys(in: decoder, allowed: CodingKeys.allCases.map(\.rawValue))
            let c = try decoder.container(keyedBy: CodingKeys.self)
            fg = try c.decodeIfPresent(String.self, forKey: .fg)
            bg = try c.decodeIfPresent(String.self, forKey: .bg)
            bold = try c.decodeIfPresent(Bool.self, forKey: .bold)
            dim = try c.decodeIfPresent(Bool.self, forKey: .dim)
            reverse = try c.decodeIfPresent(Bool.self, forKey: .reverse)
            underline = try c.decodeIfPresent(Bool.self, forKey: .underline)
        }
    }

    var name: String?
    /// Keyed by role name; checked against `StyleRole` by the loader.
    var roles: [String: RoleEntry]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, roles
    }

    init(from decoder: any Decoder) throws {
        try ThemeFile.rejectUnknownKeys(in: decoder, allowed: CodingKeys.allCases.map(\.rawValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        roles = try c.decode([String: RoleEntry].self, forKey: .roles)
    }

    /// Any-key view of a mapping, to list the keys actually present.
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private static func rejectUnknownKeys(in decoder: any Decoder, allowed: [String]) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        if let bad = container.allKeys.map(\.stringValue).sorted().first(where: { !allowed.contains($0) }) {
            throw UnknownKey(path: decoder.codingPath.map(\.stringValue), key: bad)
        }
    }
}
