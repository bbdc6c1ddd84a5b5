package cn.grid.grid.persistence;

import cn.grid.grid.domain.Person;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PersonRepository implements PanacheRepositoryBase<Person, UUID> {

    public boolean identityTaken(String hmac) {
        return hmac != null && count("idNumberHmac", hmac) > 0;
    }

    public boolean subjectTaken(String subject) {
        return subject != null && count("subject", subject) > 0;
    }

    /** The person a login is linked to ({@code person.subject} is unique), if any. */
    public Optional<Person> bySubject(String subject) {
        return subject == null ? Optional.empty() : find("subject", subject).firstResultOptional();
    }

    public List<Person> byIds(Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : list("id in ?1", ids);
    }
}
