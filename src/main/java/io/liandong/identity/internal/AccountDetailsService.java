package io.liandong.identity.internal;

import java.time.Clock;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads accounts from app_user for form login and HTTP Basic. */
@Service
class AccountDetailsService implements UserDetailsService {

    private final AccountRepository accounts;
    private final Clock clock;

    AccountDetailsService(AccountRepository accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return accounts.find(username)
                .map(account -> AccountPrincipal.of(account, clock.instant()))
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }
}
