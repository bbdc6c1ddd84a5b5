package cn.grid.study.domain.xapi;

/**
 * Who sent statements, as the LRS records it in their {@code authority}: an Agent with the account
 * {@code {homePage: issuer, name: subject}} of the bearer token.
 */
public record Authority(String issuer, String subject) {
}
