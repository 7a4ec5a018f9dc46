package io.liandong.identity.internal;

import io.liandong.shared.security.AgencyAccounts;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Tells the agency module which enabled users an agency has, so it need not know the identity module. */
@Component
class EnabledAccountsOfAgencies implements AgencyAccounts {

    private final AccountRepository accounts;

    EnabledAccountsOfAgencies(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public List<String> enabledUsernamesOf(String agencyCode) {
        return accounts.enabledUsernamesOf(agencyCode);
    }
}
