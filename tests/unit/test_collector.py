"""Pausing the cycle collector around bulk work: counted, restored, never switched on by us."""

import gc
import threading

import pytest

from app.collector import collection_paused


@pytest.fixture
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_the_collector_is_paused_inside_and_back_after(collector_on):
    with collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_comes_back_even_when_the_block_fails(collector_on):
    with pytest.raises(RuntimeError), collection_paused():
        raise RuntimeError("the bulk work failed")
    assert gc.isenabled()


def test_nested_pauses_resume_only_when_the_outer_one_ends(collector_on):
    with collection_paused():
        with collection_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off(collector_on):
    gc.disable()
    with collection_paused():
        pass
    assert not gc.isenabled()


def test_a_pause_in_another_thread_keeps_the_collector_off_until_it_ends(collector_on):
    inside, leave = threading.Event(), threading.Event()

    def other():
        with collection_paused():
            inside.set()
            leave.wait(5)

    thread = threading.Thread(target=other)
    thread.start()
    inside.wait(5)
    with collection_paused():
        pass
    assert not gc.isenabled()  # the other thread's pause still runs
    leave.set()
    thread.join(5)
    assert gc.isenabled()
