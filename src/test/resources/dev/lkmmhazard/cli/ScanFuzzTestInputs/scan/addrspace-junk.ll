; Fuzz regression, hand-made from a Jazzer finding: junk in addrspace(...) made a NumberFormatException.
@g = addrspace(1 ÿ ÿ) global i32 0
@h = global i32 1
