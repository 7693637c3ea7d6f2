; Fuzz regression, hand-made from a Jazzer finding: a metadata number of 30 digits made a NumberFormatException.
!0 = !{!111111111111111111111111111111}
!1 = !{!2000000000}
!18888888888888888888888888888888 = !{}
