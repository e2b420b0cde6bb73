package org.supportflow.routing.actions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shipped shop bundle's actions, read from nlu-service's resources (the bundle routing receives). */
final class ShopActions {

    static final Path SHOP = Path.of("..", "nlu-service", "src", "main", "resources", "domains", "shop");
    static final Path DEMO_ORDERS = Path.of("..", "deploy", "local", "demo-orders");

    private ShopActions() {
    }

    static ActionCatalog catalog() {
        try {
            return ActionCatalog.parse(Files.readString(SHOP.resolve("domain.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
