/**
 * Wire DTOs of the memory API (JSON field names are the original's snake_case), the {@link
 * com.memoryoss.protocol.api.MemoryService} port and request validation.
 */
package com.memoryoss.protocol.api;
