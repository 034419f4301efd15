import ShipshapeCore
import PaneKit
/// Themes compiled into the binary, so shipshape draws correctly with no files installed.
enum BuiltInThemes {
    /// Exactly the text of `themes/default.yaml` (a test compares them byte for byte).
    /// Edit the file, then paste it here.
    static let defaultYAML = """
    # shipshape theme "default": for dark terminal backgrounds.
    #
    # Each role takes:
    #   fg, bg     colour: default (the terminal's own), black, red, green, yellow, blue,
    #              magenta, cyan, white, or a palette index 0-255 (mapped to the nearest of
    #              the eight on terminals with fewer colours)
    #   bold, dim, reverse, underline   true or false
    # A role left out falls back to its monochrome look. NO_COLOR=1 ignores themes.
    #
    # This file is also compiled into the binary (Sources/TUI/Theme/BuiltInThemes.swift);
    # keep the two identical (a test checks).
    name: default
    roles:
      normal:      { fg: default, bg: default }
      dim:         { dim: true }
      title:       { fg: cyan, bold: true }
      border:      { fg: blue, bold: true }
      selected:    { reverse: true }
      header:      { fg: cyan, underline: true }
      statusBar:   { fg: black, bg: cyan }
      ok:          { fg: green }
      warning:     { fg: yellow }
      error:       { fg: red, bold: true }
      critical:    { fg: white, bg: red, bold: true }
      info:        { fg: cyan }
      production:  { fg: magenta, bold: true }
      dialog:      { fg: white, bg: blue }
      dialogTitle: { fg: yellow, bg: blue, bold: true }
      key:         { fg: yellow, bold: true }

    """
}
