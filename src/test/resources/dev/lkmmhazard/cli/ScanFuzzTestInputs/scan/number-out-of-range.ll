; Fuzz regression, hand-made: numbers too large for their fields (a value number, an integer width).
define void @f() {
  %99999999999 = add i32 1, 1
  ret void
}
@g = global i99999999999 0
