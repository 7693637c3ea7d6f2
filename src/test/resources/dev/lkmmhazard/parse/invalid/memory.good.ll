; Hand-written for the parser tests (ValidatorTest): the valid neighbours of memory.bad.ll (typed pointers).
; EXPECT: none
%struct.s = type { i32, i64 }

define i64 @memory(i64* %p, %struct.s* %s, float* %f) {
  store i64 0, i64* %p
  %v = load i64, i64* %p
  %a = load atomic i64, i64* %p acquire, align 8
  store atomic i64 %a, i64* %p release, align 8
  %x = atomicrmw add i64* %p, i64 1 seq_cst
  %y = atomicrmw fadd float* %f, float 1.0 seq_cst
  %z = atomicrmw xchg float* %f, float 2.0 monotonic
  %c = cmpxchg i64* %p, i64 0, i64 1 acq_rel monotonic
  %q = getelementptr inbounds %struct.s, %struct.s* %s, i64 0, i32 1
  store i64 %v, i64* %q, align 8
  ret i64 %x
}
