package cn.grid.notification.app.webhook;

import cn.grid.contracts.events.EventTypes;
import cn.grid.contracts.events.request.RequestTransitionedV1;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;

/** Every CloudEvent type of the suite, read from contracts' {@link EventTypes} (a new constant is known at once). */
final class KnownEventTypes {

    static final Set<String> ALL = load();

    private KnownEventTypes() {
    }

    private static Set<String> load() {
        Set<String> types = new TreeSet<>();
        for (Field field : EventTypes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    String value = (String) field.get(null);
                    if (value.startsWith("cn.grid.")) {
                        types.add(value);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        EventTypes.REQUEST_MOVES.forEach(move -> types.add(RequestTransitionedV1.typeOf(move)));
        return Set.copyOf(types);
    }
}
