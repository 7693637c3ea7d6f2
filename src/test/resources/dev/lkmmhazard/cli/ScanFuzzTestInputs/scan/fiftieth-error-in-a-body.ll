; Fuzz regression, hand-made from a Jazzer finding: the 50th error, in a function body, stopped the reader before the
; half-read body was made a declaration, and a check then met a branch to a block that was never read.
@g0 = global
@g1 = global
@g2 = global
@g3 = global
@g4 = global
@g5 = global
@g6 = global
@g7 = global
@g8 = global
@g9 = global
@g10 = global
@g11 = global
@g12 = global
@g13 = global
@g14 = global
@g15 = global
@g16 = global
@g17 = global
@g18 = global
@g19 = global
@g20 = global
@g21 = global
@g22 = global
@g23 = global
@g24 = global
@g25 = global
@g26 = global
@g27 = global
@g28 = global
@g29 = global
@g30 = global
@g31 = global
@g32 = global
@g33 = global
@g34 = global
@g35 = global
@g36 = global
@g37 = global
@g38 = global
@g39 = global
@g40 = global
@g41 = global
@g42 = global
@g43 = global
@g44 = global
@g45 = global
@g46 = global
@g47 = global
@g48 = global
define void @f(i1 %c) {
entry:
  br i1 %c, label %a, label %b
a:
  br label %b
  %x = add 0
}
