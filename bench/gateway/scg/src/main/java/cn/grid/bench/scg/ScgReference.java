package cn.grid.bench.scg;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Spring Cloud Gateway with nothing but the routes of application.properties: a reference, not the suite's gateway. */
@SpringBootApplication
public class ScgReference {

    public static void main(String[] args) {
        SpringApplication.run(ScgReference.class, args);
    }
}
