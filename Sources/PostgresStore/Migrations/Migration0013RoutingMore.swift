extension PostgresMigrations {
    /// `0013_routing_more`: a conversation taken from an operator who was not there remembers them, so a returning
    /// client goes back to that operator once they are online ("sticky"); a new conversation on a channel that asks the
    /// client for a department waits for the choice.
    static let migration0013RoutingMore: [String] = [
        """
        ALTER TABLE conversations ADD COLUMN previous_assignee_id BIGINT REFERENCES operators(id)
        """,
        """
        ALTER TABLE conversations ADD COLUMN awaiting_department BIGINT NOT NULL DEFAULT 0 CHECK (awaiting_department IN (0, 1))
        """,
    ]
}
