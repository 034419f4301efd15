/// A pane that draws itself instead of going through `ListPane` (the update windows week
/// grid needs per-cell colours a row of cells cannot carry). It is still a `PaneSource`,
/// so selection, Tab order and details work as for every other pane.
protocol CustomDrawnPane: PaneSource {
    @MainActor func draw(on screen: any Screen, in rect: Rect, focused: Bool, selected: Int)
}
