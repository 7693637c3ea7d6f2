; Fuzz regression, hand-made from a Jazzer finding: a quoted name holding a line break (and bytes that are
; not UTF-8) in a function with a syntax error made a diagnostic of several lines.
define void @"f
ÿ g"() {
  %x = add 0
  ret void
}
