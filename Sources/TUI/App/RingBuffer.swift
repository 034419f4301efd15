import ShipshapeCore
import PaneKit
/// A bounded history: memory stays flat however long the console runs.
public struct RingBuffer<Element: Sendable>: Sendable {
    public private(set) var elements: [Element] = []
    public let capacity: Int

    public init(capacity: Int) {
        self.capacity = capacity
    }

    public mutating func append(_ element: Element) {
        elements.append(element)
        if elements.count > capacity { elements.removeFirst(elements.count - capacity) }
    }

    public mutating func update(at index: Int, _ change: (inout Element) -> Void) {
        guard elements.indices.contains(index) else { return }
        change(&elements[index])
    }

    public var count: Int { elements.count }
}
