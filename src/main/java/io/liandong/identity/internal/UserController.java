package io.liandong.identity.internal;

import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/users}: users, their roles and their API tokens (ADMIN only, see SecurityConfiguration). */
@RestController
@RequestMapping("/api/users")
class UserController {

    private final UserAdministration users;

    UserController(UserAdministration users) {
        this.users = users;
    }

    /** Body of {@code POST /api/users/{username}/tokens}. */
    record TokenRequest(String name) {}

    @GetMapping
    List<UserAdministration.UserView> all() {
        return users.all();
    }

    @GetMapping("/{username}")
    UserAdministration.UserView one(@PathVariable String username) {
        return users.one(username);
    }

    @PostMapping
    ResponseEntity<UserAdministration.UserView> create(@RequestBody UserAdministration.NewUser body) {
        UserAdministration.UserView created = users.create(body);
        return ResponseEntity.created(URI.create("/api/users/" + created.username()))
                .body(created);
    }

    @PutMapping("/{username}")
    UserAdministration.UserView change(@PathVariable String username, @RequestBody UserAdministration.UserChange body) {
        return users.change(username, body);
    }

    @GetMapping("/{username}/tokens")
    List<ApiTokens.TokenView> tokens(@PathVariable String username) {
        return users.tokens(username);
    }

    @PostMapping("/{username}/tokens")
    ResponseEntity<ApiTokens.IssuedToken> issueToken(@PathVariable String username, @RequestBody TokenRequest body) {
        ApiTokens.IssuedToken issued = users.issueToken(username, body.name());
        return ResponseEntity.created(URI.create("/api/users/" + username + "/tokens/" + issued.id()))
                .body(issued);
    }

    @DeleteMapping("/{username}/tokens/{id}")
    ResponseEntity<Void> revokeToken(@PathVariable String username, @PathVariable long id) {
        users.revokeToken(username, id);
        return ResponseEntity.noContent().build();
    }
}
