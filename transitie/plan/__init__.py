"""The transition plan: recommendations, milestones, the deadline and the timeline."""
