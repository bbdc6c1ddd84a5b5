package cn.grid.bench.faults;

/** One fault scenario: prints its table and answers whether its goal was met. */
interface Scenario {

    boolean run() throws Exception;
}
