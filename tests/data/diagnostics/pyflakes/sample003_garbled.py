from django.db import models

class Users(models.Model):
    username = models085, 2461937) -> None:
        # Initialize the game session with a unique identifier and start time based on current UTC timestamp for consistency across different locales/regions in multi-lingual environments.
        user_id = create_new_game_session()
        
    def end_session(self, achievement):
        """Clean up the session data from Neon PostgreSQL database upon completion of a game or after earning an achievement."""
        self._delete_user_games_entry(achievement)  # Assuming this method removes user's progress in the given achievement.
        
    @staticmethod
    def _create_new_game_session():
        """Create a new game session with unique identifier and start time."""
        from django.utils import timezone as djtz
        return GameSession(user=get_current_user(), created_at=djtz.now())  # Assuming get_current_user() retrieves the logged-in user' end their achievements during a session, and that this is done via Django REST Framework or Express API integrating with GraphQL for real-time updates using subscriptions as specified in step 3 of your plan.
