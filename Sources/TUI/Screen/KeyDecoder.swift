import CNcurses
import ShipshapeCore
import PaneKit

/// Turns what `wget_wch` returned into a `Key`. Kept apart from the terminal so the
/// mapping is tested without one.
enum KeyDecoder {
    /// `status` is wget_wch's result (`OK`, `KEY_CODE_YES` or `ERR`), `code` the value
    /// it stored. Returns nil for timeouts and for codes shipshape binds nothing to.
    static func decode(status: Int32, code: UInt32) -> Key? {
        switch status {
        case KEY_CODE_YES: return functionKey(Int32(bitPattern: code))
        case OK: return character(code)
        default: return nil
        }
    }

    private static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_PPAGE: .pageUp
        case KEY_NPAGE: .pageDown
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_ENTER: .enter
        case KEY_BTAB: .backTab
        case KEY_BACKSPACE: .backspace
        case KEY_RESIZE: .resize
        default: nil
        }
    }

    private static func character(_ code: UInt32) -> Key? {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 0: return .ctrl("@")
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(code) + 0x60)))
        case 28...31: return .ctrl(Character(Unicode.Scalar(UInt8(code) + 0x40)))
        case 0x80..<0xA0: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .char(Character(scalar))
        }
    }
}
