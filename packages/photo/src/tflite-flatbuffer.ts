/**
 * Reading TensorFlow Lite flatbuffers (schema.fbs: Model → SubGraph → Tensor, Operator, Buffer): just
 * the fields that `tflite.ts` needs to run a model. Offsets are checked, so a truncated or foreign
 * file is an error, never a read past the end.
 */

export class Table {
  constructor(
    private readonly view: DataView,
    readonly pos: number,
  ) {}

  private field(id: number): number {
    const vtable = this.pos - this.view.getInt32(this.pos, true);
    const vlen = this.view.getUint16(vtable, true);
    const slot = 4 + id * 2;
    if (slot >= vlen) return 0;
    const off = this.view.getUint16(vtable + slot, true);
    return off === 0 ? 0 : this.pos + off;
  }

  int(id: number, fallback = 0): number {
    const at = this.field(id);
    return at ? this.view.getInt32(at, true) : fallback;
  }

  uint(id: number, fallback = 0): number {
    const at = this.field(id);
    return at ? this.view.getUint32(at, true) : fallback;
  }

  byte(id: number, fallback = 0): number {
    const at = this.field(id);
    return at ? this.view.getUint8(at) : fallback;
  }

  private indirect(at: number): number {
    return at + this.view.getUint32(at, true);
  }

  table(id: number): Table | null {
    const at = this.field(id);
    return at ? new Table(this.view, this.indirect(at)) : null;
  }

  /** [start, length] of a vector field of `size`-byte elements, or null */
  private vector(id: number, size: number): [number, number] | null {
    const at = this.field(id);
    if (!at) return null;
    const v = this.indirect(at);
    const n = this.view.getUint32(v, true);
    if (v + 4 + n * size > this.view.byteLength)
      throw new Error('tflite: the file is truncated or not a TFLite model');
    return [v + 4, n];
  }

  tables(id: number): Table[] {
    const v = this.vector(id, 4);
    if (!v) return [];
    return Array.from({ length: v[1] }, (_, i) => new Table(this.view, this.indirect(v[0] + i * 4)));
  }

  ints(id: number): number[] {
    const v = this.vector(id, 4);
    if (!v) return [];
    return Array.from({ length: v[1] }, (_, i) => this.view.getInt32(v[0] + i * 4, true));
  }

  bytes(id: number): Uint8Array {
    const v = this.vector(id, 1);
    if (!v) return new Uint8Array(0);
    return new Uint8Array(this.view.buffer, this.view.byteOffset + v[0], v[1]);
  }

  string(id: number): string {
    return new TextDecoder().decode(this.bytes(id));
  }
}

/** Tensor element types of the schema that the runner reads. */
export const TensorType = {
  FLOAT32: 0,
  FLOAT16: 1,
  INT32: 2,
} as const;

export interface TensorInfo {
  shape: number[];
  type: number;
  data: Uint8Array | null;
  name: string;
}

export interface OperatorInfo {
  op: number;
  custom: string;
  inputs: number[];
  outputs: number[];
  options: Table | null;
  customOptions: Uint8Array;
}

export interface Parsed {
  tensors: TensorInfo[];
  ops: OperatorInfo[];
  inputId: number;
  outputId: number;
}

/** Read the first subgraph's tensors and operators (the flatbuffer schema's Model → SubGraph). */
export function parse(file: Uint8Array): Parsed {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (file.byteLength < 16 || new TextDecoder().decode(file.subarray(4, 8)) !== 'TFL3') {
    throw new Error('tflite: not a TFLite model (no TFL3 identifier)');
  }
  try {
    const model = new Table(view, view.getUint32(0, true));
    const codes = model.tables(1).map((c) => ({ op: Math.max(c.byte(0), c.int(3)), custom: c.string(1) }));
    const buffers = model.tables(4).map((b) => b.bytes(0));
    const graph = model.tables(2)[0];
    if (!graph) throw new Error('tflite: the model has no subgraph');
    const tensors: TensorInfo[] = graph.tables(0).map((t) => {
      const data = buffers[t.uint(2)] ?? null;
      return {
        shape: t.ints(0),
        type: t.byte(1),
        data: data && data.length ? data : null,
        name: t.string(3),
      };
    });
    const ops: OperatorInfo[] = graph.tables(3).map((o) => {
      const code = codes[o.uint(0)];
      if (!code) throw new Error('tflite: an operator names no operator code');
      return {
        op: code.op,
        custom: code.custom,
        inputs: o.ints(1),
        outputs: o.ints(2),
        options: o.table(4),
        customOptions: o.bytes(5),
      };
    });
    const [inputId] = graph.ints(1);
    const [outputId] = graph.ints(2);
    if (inputId === undefined || outputId === undefined)
      throw new Error('tflite: the model has no input or output');
    return { tensors, ops, inputId, outputId };
  } catch (e) {
    // An offset past the end of the file: the flatbuffer is cut short or corrupt.
    if (e instanceof RangeError) throw new Error('tflite: the file is truncated or not a TFLite model');
    throw e;
  }
}
