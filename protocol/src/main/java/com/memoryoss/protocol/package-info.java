/**
 * The language every module speaks: commands a namespace entity accepts ({@link
 * com.memoryoss.protocol.NamespaceCommand}), the events it journals ({@link
 * com.memoryoss.protocol.NamespaceEvent}), its replies ({@link
 * com.memoryoss.protocol.NamespaceReply}), and the value types they carry.
 *
 * <p>The flow: the gateway validates a request into a spec, asks the entity of the caller's
 * namespace, the entity persists events (encrypted per memory), applies them to its state and
 * indexes, and replies. No I/O happens in this package.
 */
package com.memoryoss.protocol;
