"""Users: accounts with a site role and a default team. The password hash is written here
and read back only by `credentials`, for signing in."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from flowgate.domain.errors import NotFound, Taken
from flowgate.domain.models import User, UserRole
from flowgate.store.tables import UserRow


def _user(row: UserRow) -> User:
    return User(row.id, row.username, row.email, UserRole(row.role), row.default_team_id, row.created_at)


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def add(self, user: User, password_hash: str) -> None:
        """Adds a user; Taken names the taken field (username or email)."""
        if await self.find_by_username(user.username) is not None:
            raise Taken("Username already registered")
        taken = await self._s.execute(select(UserRow.id).where(func.lower(UserRow.email) == user.email.lower()))
        if taken.first() is not None:
            raise Taken("Email already registered")
        self._s.add(
            UserRow(
                id=user.id,
                username=user.username,
                email=user.email,
                password_hash=password_hash,
                role=user.role.value,
                default_team_id=user.default_team_id,
                created_at=user.created_at,
            )
        )
        try:
            await self._s.flush()
        except IntegrityError as exc:  # a concurrent registration took it
            raise Taken("Username or email already registered") from exc

    async def get(self, user_id: str) -> User:
        row = await self._s.get(UserRow, user_id)
        if row is None:
            raise NotFound("User not found")
        return _user(row)

    async def find_by_username(self, username: str) -> User | None:
        row = (await self._s.execute(select(UserRow).where(UserRow.username == username))).scalar_one_or_none()
        return None if row is None else _user(row)

    async def credentials(self, username: str) -> tuple[User, str] | None:
        """The user and its password hash, for signing in."""
        row = (await self._s.execute(select(UserRow).where(UserRow.username == username))).scalar_one_or_none()
        return None if row is None else (_user(row), row.password_hash)

    async def set_password_hash(self, user_id: str, password_hash: str) -> None:
        await self._s.execute(update(UserRow).where(UserRow.id == user_id).values(password_hash=password_hash))

    async def set_role(self, user_id: str, role: UserRole) -> User:
        row = await self._s.get(UserRow, user_id)
        if row is None:
            raise NotFound("User not found")
        row.role = role.value
        await self._s.flush()
        return _user(row)

    async def count(self) -> int:
        return int((await self._s.execute(select(func.count()).select_from(UserRow))).scalar_one())

    async def page(self, skip: int, limit: int) -> list[User]:
        stmt = select(UserRow).order_by(UserRow.created_at, UserRow.id).offset(skip).limit(limit)
        return [_user(r) for r in (await self._s.execute(stmt)).scalars()]
