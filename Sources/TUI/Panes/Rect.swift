import ShipshapeCore
import PaneKit
/// A screen region in cells.
public struct Rect: Sendable, Equatable {
    public var row: Int
    public var col: Int
    public var height: Int
    public var width: Int

    public init(row: Int, col: Int, height: Int, width: Int) {
        self.row = row
        self.col = col
        self.height = height
        self.width = width
    }
}
