package dev.tails.io.hub;

import dev.tails.model.Model;

/** Run in a child JVM by the tests: Model.fromPretrained with the environment it was given; prints the folder. */
public final class HubFetchMain {
    private HubFetchMain() {
    }

    public static void main(String[] args) {
        System.out.println(Model.fromPretrained(args[0]).folder());
    }
}
