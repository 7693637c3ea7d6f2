package dev.lkmmhazard.parse;

import dev.lkmmhazard.ir.Type;
import dev.lkmmhazard.ir.Value;

/** Stands for a value used before its definition; replaced when the function (locals) or module (globals) ends. */
final class ForwardRef extends Value {
    final boolean global;
    final int line;
    final int column;

    ForwardRef(Type type, String name, boolean global, int line, int column) {
        super(type, name);
        this.global = global;
        this.line = line;
        this.column = column;
    }

    @Override public String reference() { return (global ? "@" : "%") + name(); }
}
