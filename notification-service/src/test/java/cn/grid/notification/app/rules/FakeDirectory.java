package cn.grid.notification.app.rules;

import cn.grid.notification.domain.Recipient;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A directory the rule tests fill by hand: which login is which person, who is staff at which path, who sits in
 * which team or organisation. The real one (GridDirectory, over the read models) is exercised by the
 * {@code @QuarkusTest}s.
 */
final class FakeDirectory implements Directory {

    final Map<String, UUID> persons = new HashMap<>();
    final Map<String, List<Recipient>> staffAt = new HashMap<>();
    final Map<UUID, String> paths = new HashMap<>();
    final Map<UUID, List<Recipient>> teams = new HashMap<>();
    final Map<UUID, List<Recipient>> members = new HashMap<>();
    final Map<UUID, List<Recipient>> secretaries = new HashMap<>();
    final Map<UUID, List<Recipient>> reflectionReviewers = new HashMap<>();
    final Map<String, List<Recipient>> registrationReviewers = new HashMap<>();

    /** Makes the login a registry person; returns that person as a recipient. */
    Recipient person(String subject) {
        UUID id = persons.computeIfAbsent(subject, s -> UUID.nameUUIDFromBytes(s.getBytes()));
        return Recipient.person(id);
    }

    @Override
    public Recipient personOrLogin(String subject) {
        if (subject == null || subject.isBlank()) {
            return null;
        }
        UUID id = persons.get(subject);
        return id == null ? Recipient.subject(subject) : Recipient.person(id);
    }

    @Override
    public List<Recipient> gridStaffNearest(String nodePath) {
        return staffAt.getOrDefault(String.valueOf(nodePath), List.of());
    }

    @Override
    public String nodePath(UUID nodeId) {
        return paths.get(nodeId);
    }

    @Override
    public List<Recipient> teamMembers(UUID teamId) {
        return teams.getOrDefault(teamId, List.of());
    }

    @Override
    public List<Recipient> orgMembers(UUID orgId) {
        return members.getOrDefault(orgId, List.of());
    }

    @Override
    public List<Recipient> orgSecretaries(UUID orgId) {
        return secretaries.getOrDefault(orgId, List.of());
    }

    @Override
    public List<Recipient> reflectionReviewers(UUID orgId) {
        return reflectionReviewers.getOrDefault(orgId, List.of());
    }

    @Override
    public List<Recipient> registrationReviewers(String nodePath) {
        return registrationReviewers.getOrDefault(String.valueOf(nodePath), List.of());
    }
}
