; Fuzz regression, hand-made from a Jazzer finding: defining a metadata node with a huge number grew the
; node table to that length (an OutOfMemoryError).
!0 = !{}
!1888888888 = !{!0}
