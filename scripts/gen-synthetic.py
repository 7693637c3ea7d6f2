#!/usr/bin/env python3
"""A large synthetic module for linear-time measurements: N copies of every function of a real IR file.

    scripts/gen-synthetic.py FILE.ll N > big.ll

Copy 0 is FILE itself. Copies 1..N-1 of each `define` are renamed (@f -> @f.synK) and refer to their own copy of
all the numbered metadata (ids shifted by K times the file's largest id + 1), so that every copy has its own
distinct DISubprogram and locations as a real module would; each copied DICompileUnit is listed in !llvm.dbg.cu.
The result is N times the size of FILE, reads with llvm-as, and holds N times the functions, findings and debug info.
"""
import re
import sys

MD = re.compile(r'"[^"]*"|!(\d+)')          # metadata ids outside strings
DEFINE_NAME = re.compile(r'(@(?:"[^"]*"|[-a-zA-Z$._0-9]+))\(')


def shift(text, by):
    return MD.sub(lambda m: m.group(0) if m.group(1) is None else '!' + str(int(m.group(1)) + by), text)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[2].strip())
    path, n = sys.argv[1], int(sys.argv[2])
    with open(path, encoding='latin-1') as f:
        lines = f.read().split('\n')
    defines, metadata, top, cu_line = [], [], [], None
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith('define '):
            j = i
            while lines[j] != '}':
                j += 1
            defines.append('\n'.join(lines[i:j + 1]))
            top.extend(lines[i:j + 1])
            i = j + 1
            continue
        if re.match(r'!\d+ = ', line):
            metadata.append(line)
        if line.startswith('!llvm.dbg.cu = '):
            cu_line = len(top)
        top.append(line)
        i += 1
    ids = [int(m) for m in re.findall(r'!(\d+)', '\n'.join(metadata))]
    step = max(ids) + 1 if ids else 0
    if cu_line is not None:
        cus = re.findall(r'!\d+', top[cu_line].split('=', 1)[1])
        every = [shift(c, k * step) for k in range(n) for c in cus]
        top[cu_line] = '!llvm.dbg.cu = !{' + ', '.join(every) + '}'
    out = sys.stdout
    out.write('\n'.join(top))
    out.write('\n')
    for k in range(1, n):
        for d in defines:
            head, rest = d.split('\n', 1) if '\n' in d else (d, '')
            m = DEFINE_NAME.search(head)
            name = m.group(1)
            renamed = (name[:-1] + '.syn%d"' % k) if name.endswith('"') else name + '.syn%d' % k
            head = head[:m.start(1)] + renamed + head[m.end(1):]
            out.write(shift(head + '\n' + rest, k * step))
            out.write('\n\n')
        for md in metadata:
            out.write(shift(md, k * step))
            out.write('\n')


if __name__ == '__main__':
    main()
