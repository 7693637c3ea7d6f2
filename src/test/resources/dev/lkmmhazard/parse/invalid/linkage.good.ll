; Hand-written for the parser tests (ValidatorTest): the valid neighbours of linkage.bad.ll.
; EXPECT: none
@private_default = private global i32 0
@external_hidden = hidden global i32 0
@internal_default = internal unnamed_addr global i32 0
@alias = internal alias i32, ptr @private_default
@weak_alias = weak hidden alias i32, ptr @external_hidden
@available = available_externally global i32 0
@available_alias = available_externally alias i32, ptr @available
@imported = external dllimport global i32
@extern_weak = extern_weak global i32

define internal void @function_internal() {
  ret void
}

define linkonce_odr hidden void @function_hidden() {
  ret void
}

declare extern_weak void @declared_extern_weak()
declare hidden void @declared_hidden()
