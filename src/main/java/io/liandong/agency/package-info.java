/**
 * Agencies (联动单位): the member units resident in the hall and the units dispatched from it,
 * how each is resident (permanent, on call, seasonal), the districts it covers, and the hall's
 * functional zones and seats. Read it through {@link io.liandong.agency.AgencyService}; the
 * tables are cached in memory and reloaded after every change.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Agency")
@org.jspecify.annotations.NullMarked
package io.liandong.agency;
