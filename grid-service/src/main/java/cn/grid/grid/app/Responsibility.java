package cn.grid.grid.app;

import cn.grid.grid.domain.Assignment;
import cn.grid.grid.domain.GridNode;
import cn.grid.grid.domain.Person;

/** One answer to "who was responsible": the assignment, its person and the node it is at. */
public record Responsibility(Assignment assignment, Person person, GridNode node) {
}
