/**
 * Shared kernel: clock, actor and roles, problem details, masking of personal data. Every
 * module may use it; it depends on no module.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.liandong.shared;
