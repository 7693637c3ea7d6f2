; Hand-written for the parser tests (ValidatorTest): linkage that does not go with the visibility or the symbol.
; EXPECT: 10:1: symbol with local linkage must have default visibility
; EXPECT: 11:1: symbol with local linkage must have default visibility
; EXPECT: 12:1: symbol with local linkage must have default visibility
; EXPECT: 13:1: symbol with local linkage cannot have a DLL storage class
; EXPECT: 14:1: invalid linkage type for alias
; EXPECT: 16:29: symbol with local linkage must have default visibility
; EXPECT: 20:23: invalid linkage for function declaration
; EXPECT: 22:25: invalid linkage for function definition
@private_protected = private protected global i32 0
@internal_hidden = internal hidden global i32 0
@alias_hidden = internal hidden alias i32, ptr @private_protected
@internal_dllimport = internal dllimport global i32 0
@alias_extern_weak = extern_weak alias i32, ptr @private_protected

define internal hidden void @function_hidden() {
  ret void
}

declare internal void @declared_internal()

define extern_weak void @defined_extern_weak() {
  ret void
}
