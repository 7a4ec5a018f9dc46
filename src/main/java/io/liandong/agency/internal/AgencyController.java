package io.liandong.agency.internal;

import io.liandong.agency.Agency;
import io.liandong.agency.AgencyKind;
import io.liandong.agency.Residency;
import io.liandong.agency.SeasonWindow;
import io.liandong.agency.Seat;
import io.liandong.shared.security.CurrentActor;
import io.liandong.shared.security.Role;
import io.liandong.shared.time.CenterZone;
import io.liandong.shared.web.Problem;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/agencies}, {@code /api/zones}, {@code /api/seats}: read by any logged-in user,
 * changed by administrators (the identity module enforces the roles).
 */
@RestController
@RequestMapping("/api")
class AgencyController {

    private final AgencyDirectory directory;
    private final AgencyAdministration administration;
    private final CurrentActor actor;
    private final Clock clock;
    private final CenterZone zone;

    AgencyController(
            AgencyDirectory directory,
            AgencyAdministration administration,
            CurrentActor actor,
            Clock clock,
            CenterZone zone) {
        this.directory = directory;
        this.administration = administration;
        this.actor = actor;
        this.clock = clock;
        this.zone = zone;
    }

    @GetMapping("/agencies")
    List<AgencyView> agencies() {
        LocalDate today = today();
        return directory.agencies().stream()
                .map(agency ->
                        AgencyView.of(directory.versionedAgency(agency.code()).orElseThrow(), today))
                .toList();
    }

    @GetMapping("/agencies/{code}")
    AgencyView agency(@PathVariable String code) {
        return directory
                .versionedAgency(code)
                .map(agency -> AgencyView.of(agency, today()))
                .orElseThrow(() -> Problem.notFound("agency", code));
    }

    @PostMapping("/agencies")
    ResponseEntity<AgencyView> create(@Valid @RequestBody AgencyRequest request) {
        if (request.code() == null) {
            throw Problem.invalid("code", "must be given", null);
        }
        Versioned<Agency> created = administration.create(agency(request.code(), request), actor.get());
        return ResponseEntity.created(URI.create("/api/agencies/" + request.code()))
                .body(AgencyView.of(created, today()));
    }

    @PutMapping("/agencies/{code}")
    AgencyView update(@PathVariable String code, @Valid @RequestBody AgencyRequest request) {
        if (request.code() != null && !request.code().equals(code)) {
            throw Problem.invalid("code", "must match the code in the path, " + code, request.code());
        }
        int version = version(request.version());
        return AgencyView.of(administration.update(agency(code, request), version, actor.get()), today());
    }

    @DeleteMapping("/agencies/{code}")
    AgencyView deactivate(@PathVariable String code, @RequestParam(required = false) @Nullable Integer version) {
        return AgencyView.of(administration.deactivate(code, version, actor.get()), today());
    }

    @GetMapping("/zones")
    List<ZoneView> zones() {
        return directory.zones().stream()
                .map(zone -> ZoneView.of(directory.versionedZone(zone.code()).orElseThrow()))
                .toList();
    }

    @GetMapping("/seats")
    List<SeatView> seats() {
        return directory.seats().stream()
                .map(seat -> SeatView.of(directory.versionedSeat(seat.code()).orElseThrow()))
                .toList();
    }

    @GetMapping("/seats/{code}")
    SeatView seat(@PathVariable String code) {
        return directory.versionedSeat(code).map(SeatView::of).orElseThrow(() -> Problem.notFound("seat", code));
    }

    @PutMapping("/seats/{code}")
    SeatView updateSeat(@PathVariable String code, @Valid @RequestBody SeatRequest request) {
        Role role = Fields.enumValue(Role.class, "role", request.role());
        Seat seat = new Seat(code, request.zone(), request.label(), role, request.agency());
        return SeatView.of(administration.update(seat, version(request.version()), actor.get()));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(zone.zone()));
    }

    private static int version(@Nullable Integer version) {
        if (version == null) {
            throw Problem.invalid("version", "must be given: the version you read", null);
        }
        return version;
    }

    private static Agency agency(String code, AgencyRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        AgencyKind kind = Fields.enumValue(AgencyKind.class, "kind", request.kind(), errors);
        Residency residency = Fields.enumValue(Residency.class, "residency", request.residency(), errors);
        List<SeasonWindow> seasons = new ArrayList<>();
        for (String season : request.seasons() == null ? List.<String>of() : request.seasons()) {
            try {
                seasons.add(SeasonWindow.parse(season));
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError(
                        "seasons", "'" + season + "' must look like MM-dd/MM-dd, for example 11-01/03-31", season));
            }
        }
        if (kind == null || residency == null || !errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
        return new Agency(
                code,
                request.nameZh().strip(),
                request.nameEn().strip(),
                kind,
                residency,
                seasons,
                request.districts(),
                Boolean.TRUE.equals(request.member()),
                request.chiefRep() == null || request.chiefRep().isBlank()
                        ? null
                        : request.chiefRep().strip(),
                !Boolean.FALSE.equals(request.active()));
    }
}
