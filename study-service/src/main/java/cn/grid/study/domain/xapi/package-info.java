/**
 * xAPI 1.0.3 statements as study-service keeps them: the facts a statement is queried by, the query, the
 * version rule. Framework-free; the JSON itself is handled in {@code app}.
 */
package cn.grid.study.domain.xapi;
