package com.memoryoss.mcp.internal;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.List;
import java.util.Set;

/**
 * The four memory tools as a model sees them: names and argument names are the original's (so
 * prompts and client configs written for it keep working), descriptions say when to use each and
 * what it returns, annotations tell clients which tools only read and which delete.
 */
public final class ToolCatalogue {
  public static final String RECALL = "memoryoss_recall";
  public static final String STORE = "memoryoss_store";
  public static final String UPDATE = "memoryoss_update";
  public static final String FORGET = "memoryoss_forget";

  static final Set<String> RECALL_ARGS =
      Set.of("query", "limit", "agent", "session", "namespace", "tags");
  static final Set<String> STORE_ARGS =
      Set.of("content", "tags", "agent", "session", "namespace", "memory_type");
  static final Set<String> UPDATE_ARGS = Set.of("id", "content", "tags", "namespace");
  static final Set<String> FORGET_ARGS = Set.of("ids", "namespace", "agent", "session", "tags");

  /** Sent to the client at initialisation; clients put it in the model's context. */
  public static final String INSTRUCTIONS = """
      memoryOSS is this user's persistent long-term memory, shared across sessions and agents.
      - At the start of a task, and before relying on what you believe about this project, its \
      conventions or the user's preferences, call memoryoss_recall with a short query about the \
      task, and use what it returns.
      - When you learn something durable, call memoryoss_store with one self-contained fact: a \
      decision and why it was made, a project convention, a user preference, the fix for a \
      problem, a fact about the environment. Store what is confirmed, not guesses.
      - When a stored fact turns out wrong or outdated, call memoryoss_update with its id; use \
      memoryoss_forget for memories that must go.
      - Never store secrets (API keys, passwords, tokens), conversational chatter, or personal \
      data the user did not ask you to keep.
      - If a tool says no memoryOSS server is running, tell the user how to start it and carry on \
      without memory.""";

  private static final String NAMESPACE = """
      "namespace": {"type": "string", "description": "Namespace to use. Defaults to the one the \
      server's API key is bound to; naming another namespace is refused."}""";

  private static final String RECALL_SCHEMA = """
      {"type": "object",
       "properties": {
        "query": {"type": "string", "description": "What you need to know: a short natural-language \
      question or keywords; exact identifiers (file paths, error codes, names) match literally."},
        "limit": {"type": "integer", "minimum": 1, "maximum": 100, "default": 10,
                  "description": "Most memories to return (default 10)."},
        "agent": {"type": "string", "description": "Only memories stored by this agent."},
        "session": {"type": "string", "description": "Only memories stored in this session."},
        %s,
        "tags": {"type": "array", "items": {"type": "string"},
                 "description": "Only memories carrying at least one of these tags."}
       },
       "required": ["query"],
       "additionalProperties": false}""".formatted(NAMESPACE);

  private static final String STORE_SCHEMA = """
      {"type": "object",
       "properties": {
        "content": {"type": "string", "description": "One self-contained fact, understandable \
      without this conversation (at most 32 KiB)."},
        "tags": {"type": "array", "items": {"type": "string"},
                 "description": "Short labels for filtering later, e.g. [\\"deploy\\", \\"db\\"]."},
        "agent": {"type": "string", "description": "Who is storing it, e.g. claude-code."},
        "session": {"type": "string", "description": "Session or task id, for later filtering."},
        %s,
        "memory_type": {"type": "string",
                        "enum": ["episodic", "semantic", "procedural", "working"],
                        "description": "semantic (a fact, the default), procedural (how to do \
      something), episodic (what happened), working (short-lived task state)."}
       },
       "required": ["content"],
       "additionalProperties": false}""".formatted(NAMESPACE);

  private static final String UPDATE_SCHEMA = """
      {"type": "object",
       "properties": {
        "id": {"type": "string", "format": "uuid",
               "description": "Id of the memory, from memoryoss_recall or memoryoss_store."},
        "content": {"type": "string", "description": "The corrected fact (replaces the old text)."},
        "tags": {"type": "array", "items": {"type": "string"},
                 "description": "New tags; they replace the old list."},
        %s
       },
       "required": ["id"],
       "additionalProperties": false}""".formatted(NAMESPACE);

  private static final String FORGET_SCHEMA = """
      {"type": "object",
       "properties": {
        "ids": {"type": "array", "items": {"type": "string", "format": "uuid"},
                "description": "Ids of the memories to delete, from memoryoss_recall."},
        "agent": {"type": "string", "description": "Filter: memories stored by this agent."},
        "session": {"type": "string", "description": "Filter: memories stored in this session."},
        "tags": {"type": "array", "items": {"type": "string"},
                 "description": "Filter: memories carrying any of these tags."},
        %s
       },
       "additionalProperties": false}""".formatted(NAMESPACE);

  private ToolCatalogue() {}

  /** The tools, in the order clients list them. */
  public static List<Tool> tools(McpJsonMapper mapper) {
    return List.of(
        Tool.builder(RECALL, mapper, RECALL_SCHEMA)
            .title("Recall Relevant Memories")
            .description("Search long-term memory for what is known about the task at hand:"
                + " project conventions, past decisions, known fixes, user preferences. Call it"
                + " at the start of a task and before relying on assumptions about this project."
                + " Returns a JSON array, best match first, of {id, content, tags, agent, score,"
                + " created_at, memory_type}; [] means nothing relevant is stored. Use the ids"
                + " with memoryoss_update or memoryoss_forget.")
            .annotations(annotations("Recall Relevant Memories", true, false, true))
            .build(),
        Tool.builder(STORE, mapper, STORE_SCHEMA)
            .title("Store New Memory")
            .description("Save one durable fact to long-term memory so later sessions can recall"
                + " it: a decision and its reason, a project convention, a user preference, the"
                + " fix for a problem. One self-contained fact per call. Do not store secrets,"
                + " credentials or chatter. An exact duplicate of a stored memory is refused;"
                + " to change a stored fact use memoryoss_update. Returns"
                + " {id, version, stored: true}.")
            .annotations(annotations("Store New Memory", false, false, false))
            .build(),
        Tool.builder(UPDATE, mapper, UPDATE_SCHEMA)
            .title("Update Existing Memory")
            .description("Correct or refine a stored memory when the fact changed (a new port, a"
                + " reversed decision) instead of storing a contradicting one. Give its id and the"
                + " new content and/or tags (tags replace the old list). Returns"
                + " {id, version, updated: true}.")
            .annotations(annotations("Update Existing Memory", false, true, false))
            .build(),
        Tool.builder(FORGET, mapper, FORGET_SCHEMA)
            .title("Delete Stored Memory")
            .description("Permanently delete memories that are wrong, obsolete or must not be"
                + " kept, e.g. when the user asks you to forget something. Pass ids (from"
                + " memoryoss_recall) or a filter: agent, session and/or tags (every given part"
                + " must match; tags matches any of them). With neither, nothing is deleted and"
                + " an error is returned. Deletion cannot be undone. Returns {deleted: n}.")
            .annotations(annotations("Delete Stored Memory", false, true, true))
            .build());
  }

  private static ToolAnnotations annotations(
      String title, boolean readOnly, boolean destructive, boolean idempotent) {
    return ToolAnnotations.builder()
        .title(title)
        .readOnlyHint(readOnly)
        .destructiveHint(destructive)
        .idempotentHint(idempotent)
        // Everything stays on the user's own memory server.
        .openWorldHint(false)
        .build();
  }
}
