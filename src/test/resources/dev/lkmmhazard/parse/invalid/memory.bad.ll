; Hand-written for the parser tests (ValidatorTest): load and store of LLVM 14 (typed pointers).
; EXPECT: 9:3: stored value and pointer type do not match
; EXPECT: 14:3: store operand must be a pointer
; EXPECT: 19:8: explicit pointee type doesn't match operand's pointee type (i32 vs i64)
; EXPECT: 24:8: load operand must be a pointer to a first class type
; EXPECT: 29:8: atomic load must have explicit non-zero alignment
; EXPECT: 34:8: atomicrmw add operand must be an integer
define void @store_value_and_pointer(i64* %p) {
  store i32 0, i64* %p
  ret void
}

define void @store_to_integer(i32 %x) {
  store i32 0, i32 %x
  ret void
}

define i32 @load_pointee(i64* %p) {
  %v = load i32, i64* %p
  ret i32 %v
}

define void @load_function(void ()* %p) {
  %v = load void (), void ()* %p
  ret void
}

define i32 @atomic_load_without_align(i32* %p) {
  %v = load atomic i32, i32* %p acquire
  ret i32 %v
}

define float @atomicrmw_add_float(float* %p) {
  %v = atomicrmw add float* %p, float 1.0 seq_cst
  ret float %v
}
