/**
 * The console: the web UI of every role (the single-page application under {@code frontend/},
 * served at {@code /}), the live stream that pushes every record entry to open consoles as
 * server-sent events, and the map settings of the center.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Console")
package io.liandong.console;
