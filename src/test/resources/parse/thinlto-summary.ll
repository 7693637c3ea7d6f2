; HAND-WRITTEN for parser tests; not compiler output.
; ThinLTO summary entries (^N = ...), which the reader keeps as text and the
; printer writes back. A summary of a module's own functions must cover them
; all, so this file holds a summary and no module contents. It is not under
; corpus/: llvm-dis names such a file by its path, so RoundTripTest cannot
; compare it (scripts/roundtrip.sh, reading stdin, finds it identical).
^0 = module: (path: "a.o", hash: (1, 2, 3, 4, 5))
^1 = module: (path: "b.o", hash: (0, 0, 0, 0, 0))
^2 = gv: (guid: 1, summaries: (function: (module: ^0, flags: (linkage: external, visibility: default, notEligibleToImport: 0, live: 0, dsoLocal: 0, canAutoHide: 0, importType: definition), insts: 2, funcFlags: (readNone: 0, readOnly: 0, noRecurse: 0, returnDoesNotAlias: 0, noInline: 0, alwaysInline: 0, noUnwind: 0, mayThrow: 0, hasUnknownCall: 0, mustBeUnreachable: 0), calls: ((callee: ^3)))))
^3 = gv: (guid: 2, summaries: (variable: (module: ^1, flags: (linkage: internal, visibility: default, notEligibleToImport: 1, live: 1, dsoLocal: 1, canAutoHide: 0, importType: definition), varFlags: (readonly: 1, writeonly: 0, constant: 0))))
^4 = flags: 8
^5 = blockcount: 0
