package dev.eddy.examples.poll;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classes one class file refers to, read from its constant pool (JVMS §4.4): the name of
 * every class entry, and every class named inside a descriptor or generic signature ({@code
 * (Ldev/eddy/loop/spi/PollEvents;)I}). Enough for a dependency rule without ArchUnit or ASM.
 */
final class ClassReferences {

  /** A class type in a descriptor or signature: {@code L} name {@code ;} (or {@code <}). */
  private static final Pattern IN_DESCRIPTOR = Pattern.compile("L([\\w$]+(?:/[\\w$]+)*)[;<]");

  private ClassReferences() {}

  /** The binary names ({@code dev.eddy.loop.spi.Poller}) referred to by the class file. */
  static Set<String> of(InputStream classFile) throws IOException {
    DataInputStream in = new DataInputStream(classFile);
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort(); // minor version
    in.readUnsignedShort(); // major version
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    List<Integer> classNameIndices = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1: // Utf8: names, descriptors, signatures, string literals
          utf8[i] = in.readUTF();
          break;
        case 7: // Class: the index of its name
          classNameIndices.add(in.readUnsignedShort());
          break;
        case 8: case 16: case 19: case 20: // String, MethodType, Module, Package
          in.readUnsignedShort();
          break;
        case 15: // MethodHandle
          in.readUnsignedByte();
          in.readUnsignedShort();
          break;
        case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18: // 4-byte entries
          in.readInt();
          break;
        case 5: case 6: // Long, Double: 8 bytes, and they take two slots
          in.readLong();
          i++;
          break;
        default:
          throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
      }
    }
    Set<String> names = new TreeSet<>();
    for (int index : classNameIndices) {
      String name = utf8[index];
      if (name.startsWith("[")) {
        addFromDescriptor(name, names); // an array class: [Ldev/eddy/...;
      } else {
        names.add(name.replace('/', '.'));
      }
    }
    for (String s : utf8) {
      if (s != null && (s.startsWith("(") || s.startsWith("L") || s.startsWith("[")
          || s.startsWith("<"))) {
        addFromDescriptor(s, names); // field and method descriptors, generic signatures
      }
    }
    return names;
  }

  private static void addFromDescriptor(String descriptor, Set<String> into) {
    Matcher m = IN_DESCRIPTOR.matcher(descriptor);
    while (m.find()) {
      into.add(m.group(1).replace('/', '.'));
    }
  }
}
